/**
 * zod's English messages for the checks of files and bodies. Those checks use
 * zod/mini, a tenth of zod's size once bundled (the sandbox's server thread
 * parses it before the first rows can come), which leaves the messages out:
 * a fixture or tour file that does not fit should say how in words. Imported
 * for this effect by every module that checks with zod.
 */
import {en} from 'zod/locales';
import {config} from 'zod/mini';

config(en());

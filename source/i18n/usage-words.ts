/**
 * The command line's words: `--help`, and what is wrong with a flag's value
 * once the language is known (a flag the parser does not know is refused
 * before that, in English). English and Simplified Chinese side by side.
 */
export const usageEn = {
	'cli.help': `
  Usage
    $ agency-tokens [options]            open the app (the embedded sandbox unless --api-url)
    $ agency-tokens server [options]     run the reference token API alone (see: server --help)
    $ agency-tokens list [filters] [--json|--csv]   print the tokens, for scripts
        --name Q  --created last7days|last30days|morethan30days  --state enabled|disabled

  Connection (flags win over the environment)
    --api-url URL        token API to use          AGENCY_TOKENS_API_URL
    --account-sid SID    agency Account SID        AGENCY_TOKENS_ACCOUNT_SID
    --auth-token TOKEN   operator auth token       AGENCY_TOKENS_AUTH_TOKEN
                         (prefer the environment: flags show in \`ps\`;
                         with neither, the app asks at the terminal)

  Embedded sandbox (without --api-url)
    --data DIR           where the sandbox keeps its data
    --latency MS         delay every server answer (demos of optimistic updates)
    --fail-rate P        fail that fraction of writes with 503 (demos of rollback)

  Sandbox
    --sandbox-reset      restore the sandbox data from the fixtures (asks first unless --yes)

  Demos and training
    --tour               start with the guided tour on (T in the app; Esc in the list leaves it)
    --record FILE        write the session's keystrokes, timed, to FILE (0600; no secrets)
    --replay FILE        play a recording back once the list has loaded; q still quits
    --replay-speed N     replay N times faster (default 1)

  Other
    --lang en|zh-CN      the interface's language (default: from LC_ALL / LANG)
    --readonly           change nothing, whatever your role (safe browsing, demos)
    --help, --version

  Sandbox credentials: account IRAgencyDemo1 with demo-admin, demo-specialist,
  demo-readonly or demo-analyst. Press ? in the app for every key.
`,
	'usage.apiUrl': '--api-url must be an http(s) URL, not "{value}"',
	'usage.accountSid': '--account-sid (or AGENCY_TOKENS_ACCOUNT_SID) is required with --api-url',
	'usage.authToken': '--auth-token (or AGENCY_TOKENS_AUTH_TOKEN) is required with --api-url',
	'usage.latency': '--latency must be a number of milliseconds ≥ 0',
	'usage.failRate': '--fail-rate must be a fraction between 0 and 1',
	'usage.replaySpeed': '--replay-speed must be a number above 0 (2 plays twice as fast)',
	'usage.recordIsReplay': '--record and --replay name the same file; recording would empty it first',
	'usage.resetRemote': '--sandbox-reset resets the embedded sandbox; it cannot be used with --api-url',
	'usage.resetNeedsYes': '--sandbox-reset asks first; add --yes to reset without a terminal',
} as const;

export const usageZh: Record<keyof typeof usageEn, string> = {
	'cli.help': `
  用法
    $ agency-tokens [选项]               打开应用（未指定 --api-url 时使用内置沙盒）
    $ agency-tokens server [选项]        单独运行参考令牌 API（参见：server --help）
    $ agency-tokens list [筛选] [--json|--csv]      输出令牌列表，供脚本使用
        --name Q  --created last7days|last30days|morethan30days  --state enabled|disabled

  连接（命令行参数优先于环境变量）
    --api-url URL        要使用的令牌 API          AGENCY_TOKENS_API_URL
    --account-sid SID    代理商 Account SID        AGENCY_TOKENS_ACCOUNT_SID
    --auth-token TOKEN   操作员身份验证令牌        AGENCY_TOKENS_AUTH_TOKEN
                         （建议使用环境变量：命令行参数会显示在 \`ps\` 中；
                         两者都未提供时，应用会在终端中询问）

  内置沙盒（未指定 --api-url 时）
    --data DIR           沙盒保存数据的目录
    --latency MS         让服务器的每个应答延迟 MS 毫秒（演示乐观更新）
    --fail-rate P        让该比例的写入以 503 失败（演示回滚）

  沙盒
    --sandbox-reset      从初始数据恢复沙盒（除非加 --yes，否则先询问）

  演示与培训
    --tour               启动时开启引导教程（应用中按 T；在列表中按 Esc 退出）
    --record FILE        将本次会话的按键及其时间写入 FILE（权限 0600；不含机密）
    --replay FILE        列表加载完成后回放录制内容；仍可按 q 退出
    --replay-speed N     以 N 倍速回放（默认 1）

  其他
    --lang en|zh-CN      界面语言（默认：取自 LC_ALL / LANG）
    --readonly           无论角色如何都不做任何更改（安全浏览、演示）
    --help, --version

  沙盒凭据：账户 IRAgencyDemo1，令牌为 demo-admin、demo-specialist、
  demo-readonly 或 demo-analyst。在应用中按 ? 查看所有按键。
`,
	'usage.apiUrl': '--api-url 必须是 http(s) URL，而不是“{value}”',
	'usage.accountSid': '使用 --api-url 时必须提供 --account-sid（或 AGENCY_TOKENS_ACCOUNT_SID）',
	'usage.authToken': '使用 --api-url 时必须提供 --auth-token（或 AGENCY_TOKENS_AUTH_TOKEN）',
	'usage.latency': '--latency 必须是 ≥ 0 的毫秒数',
	'usage.failRate': '--fail-rate 必须是 0 到 1 之间的比例',
	'usage.replaySpeed': '--replay-speed 必须是大于 0 的数（2 表示两倍速回放）',
	'usage.recordIsReplay': '--record 和 --replay 指向同一个文件；录制会先清空它',
	'usage.resetRemote': '--sandbox-reset 用于重置内置沙盒，不能与 --api-url 一起使用',
	'usage.resetNeedsYes': '--sandbox-reset 会先询问；在没有终端时请加 --yes 直接重置',
};

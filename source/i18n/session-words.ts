/**
 * What the app says around a session rather than inside a view: the auth
 * token prompt and `--sandbox-reset` before Ink starts, the notices of the
 * demo features (`--latency`, `--replay`) and of a session that is not
 * connected yet or is quitting. English and Simplified Chinese side by side,
 * as in form-words.ts.
 */
export const sessionEn = {
	'prompt.authToken': 'Auth token for {accountSid} at {apiUrl} (typing is hidden): ',
	'prompt.noTerminal':
		'no auth token for {apiUrl}: set {variable} (or run the app in a terminal to be asked for it)',
	'prompt.empty': 'no auth token given; type one, or set {variable}',
	'start.tokenFlag': 'The auth token was given as a flag, which other users can see in ps; prefer {variable}',
	'start.readOnlyFlag': 'started with --readonly',
	'start.sandbox': 'embedded sandbox',
	'start.dumbTerminal':
		'this terminal (TERM=dumb) cannot show the app; use a terminal such as xterm or tmux, or `agency-tokens list` for plain output',
	'start.noTerminal': 'the app needs an interactive terminal; see agency-tokens --help',
	'start.notConnected': 'Not connected yet; try again in a moment',
	'start.quitting': 'Quitting: waiting up to {seconds} s for {count} operation(s) to reach the server…',
	'demo.notice': 'DEMO: {parts}',
	'demo.latency': '+{ms} ms latency',
	'demo.failRate': '{percent}% of writes fail',
	'demo.separator': ', ',
	'replay.start': 'Replaying {count} input events from {name}{pace}; q quits{size}',
	'replay.pace': ' at {speed}x',
	'replay.size': ' · recorded at {recorded}, this terminal is {current}',
	'replay.done': 'Replay of {name} finished{skipped}',
	'replay.withheld': ' ({count} typed into a secret field were not recorded)',
	'reset.ask': 'Reset the sandbox in {dir}? Every change made there is lost. [y/N] ',
	'reset.kept': 'Nothing was changed.',
	'reset.done': 'Sandbox reset: {count} tokens restored from the fixtures in {dir}',
} as const;

export const sessionZh: Record<keyof typeof sessionEn, string> = {
	'prompt.authToken': '请输入 {apiUrl} 上 {accountSid} 的身份验证令牌（输入内容不显示）：',
	'prompt.noTerminal': '没有 {apiUrl} 的身份验证令牌：请设置 {variable}（或在终端中运行本应用以输入令牌）',
	'prompt.empty': '未输入身份验证令牌；请输入令牌，或设置 {variable}',
	'start.tokenFlag': '身份验证令牌通过命令行参数给出，其他用户可在 ps 中看到；建议改用 {variable}',
	'start.readOnlyFlag': '以 --readonly 启动',
	'start.sandbox': '内置沙盒',
	'start.dumbTerminal':
		'此终端（TERM=dumb）无法显示本应用；请使用 xterm 或 tmux 等终端，或用 `agency-tokens list` 输出纯文本',
	'start.noTerminal': '本应用需要交互式终端；请参阅 agency-tokens --help',
	'start.notConnected': '尚未连接；请稍后再试',
	'start.quitting': '正在退出：最多等待 {seconds} 秒，让 {count} 个操作到达服务器…',
	'demo.notice': '演示：{parts}',
	'demo.latency': '延迟 +{ms} ms',
	'demo.failRate': '{percent}% 的写入会失败',
	'demo.separator': '，',
	'replay.start': '正在从 {name} 回放 {count} 个输入事件{pace}；按 q 退出{size}',
	'replay.pace': '（{speed} 倍速）',
	'replay.size': ' · 录制时终端为 {recorded}，当前终端为 {current}',
	'replay.done': '{name} 回放完毕{skipped}',
	'replay.withheld': '（在机密字段中输入的 {count} 个事件未被录制）',
	'reset.ask': '要重置 {dir} 中的沙盒吗？在其中所做的所有更改都将丢失。[y/N] ',
	'reset.kept': '未做任何更改。',
	'reset.done': '沙盒已重置：已从 {dir} 中的初始数据恢复 {count} 个令牌',
};

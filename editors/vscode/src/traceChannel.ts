import * as vscode from 'vscode';

/**
 * vscode-languageclient traces only when its channel's log level is Trace, which users can
 * only set by hand in the Output view. This channel takes its level from
 * `corpusLsp.trace.server` instead, so the documented setting just works.
 */
export class SettingTraceChannel implements vscode.LogOutputChannel {
  private readonly channel: vscode.OutputChannel;
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private level: vscode.LogLevel;
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name);
    this.level = SettingTraceChannel.levelFromSetting();
  }

  private static levelFromSetting(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration('corpusLsp').get<string>('trace.server', 'off');
    return setting === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
  }

  /** Call when the configuration changed. */
  refresh(): void {
    const level = SettingTraceChannel.levelFromSetting();
    if (level !== this.level) {
      this.level = level;
      this.levelChanged.fire(level);
    }
  }

  get name(): string {
    return this.channel.name;
  }
  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  private write(level: string, message: string): void {
    this.channel.appendLine(`[${new Date().toISOString()}] [${level}] ${message}`);
  }
  trace(message: string): void {
    if (this.level === vscode.LogLevel.Trace) {
      this.channel.appendLine(message);
    }
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warning', message);
  }
  error(error: string | Error): void {
    this.write('error', typeof error === 'string' ? error : (error.stack ?? error.message));
  }
  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') {
      this.channel.show(columnOrPreserveFocus);
    } else {
      this.channel.show(columnOrPreserveFocus, preserveFocus);
    }
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.levelChanged.dispose();
    this.channel.dispose();
  }
}

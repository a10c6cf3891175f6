import { spawn } from 'node:child_process';
import { FieldworkError } from '../core/errors.ts';

/** How to start a local server as a child process and tell when it listens. */
export interface ChildServerOptions {
  /** Name in error messages (`prism`). */
  name: string;
  command: string;
  args: readonly string[];
  /** Matched against everything the child printed so far (stdout and stderr). */
  ready: RegExp;
  /** Give up (and kill the whole process tree) after this long. */
  timeoutMs: number;
  /** What to tell the user to do when it does not start. */
  hint?: string;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default {@link STOP_GRACE_MS}. */
  stopGraceMs?: number;
}

/** A started child server. `stop()` ends its whole process group and resolves when it is gone. */
export interface ChildServer {
  pid: number;
  /** Everything the child printed while starting. */
  output: string;
  stop(): Promise<void>;
}

/** How long `stop()` waits after SIGTERM before it sends SIGKILL to the group. */
export const STOP_GRACE_MS = 3_000;

/** Signals every process in the group led by `pid` (gone already is fine). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone.
  }
}

/**
 * Starts `command` in its own process group (`detached: true`): prism forks workers, and killing
 * only the leader would leave them holding the pipes, which keeps this process's event loop alive
 * (a timed-out start then hung the run for minutes). Every way out (ready, early exit, timeout,
 * spawn error) either hands back a server whose `stop()` kills the group, or kills the group
 * itself before rejecting. While the server runs, the group is also killed if this process exits
 * or is interrupted, since a detached group no longer gets the terminal's Ctrl-C.
 */
export function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(options.command, [...options.args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const pid = child.pid;

  const onExit = (): void => {
    if (pid !== undefined) signalGroup(pid, 'SIGKILL');
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    removeGuards();
    // Nobody else handles it: behave as if we had no handler (exit by that signal).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const removeGuards = (): void => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  /** Kills the group and waits (bounded) for the leader; the pipes are dropped either way. */
  const kill = async (graceMs: number): Promise<void> => {
    if (pid !== undefined) {
      signalGroup(pid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs > 0 ? graceMs : 1_000)));
      await Promise.race([exited, late]);
      clearTimeout(timer);
      // Workers may outlive the leader, and a leader ignoring SIGTERM gets no more grace.
      signalGroup(pid, 'SIGKILL');
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
    removeGuards();
  };

  return new Promise<ChildServer>((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const hint = options.hint ? `\n${options.hint}` : '';
      const tail = output.trim() ? `:\n${output.slice(-2000)}` : '.';
      void kill(0).then(() => reject(new FieldworkError('E_TARGET', `${options.name} ${message}${tail}${hint}`)));
    };
    const timer = setTimeout(() => fail(`did not start within ${options.timeoutMs} ms (its process group was killed)`), options.timeoutMs);
    const onData = (data: Buffer): void => {
      output += data.toString();
      if (settled || !options.ready.test(output)) return;
      settled = true;
      clearTimeout(timer);
      // Keep draining the pipes so a chatty server never blocks on a full buffer.
      child.stdout?.off('data', onData).resume();
      child.stderr?.off('data', onData).resume();
      let stopping: Promise<void> | undefined;
      resolve({ pid: pid as number, output, stop: () => (stopping ??= kill(options.stopGraceMs ?? STOP_GRACE_MS)) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(`could not be started (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited with ${signal ? `signal ${signal}` : `code ${code}`} before it listened`));
  });
}

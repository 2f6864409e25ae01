/**
 * Helpers for tests that start real child processes (tsx scripts) and kill them: start one, wait
 * for a line in its output, wait for its exit.
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface Child {
  process: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches; rejects (with the output) after timeoutMs or on exit. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(args: string[], env: Record<string, string | undefined>): Child {
  // An undefined value removes the variable from the child's environment.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const append = (chunk: unknown) => {
    output += String(chunk);
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => {
      done({ code, signal });
      for (const listener of listeners) listener();
    }),
  );
  return {
    process: child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((done, fail) => {
        const timer = setTimeout(
          () => finish(new Error(`timed out waiting for ${pattern}; output:\n${output}`)),
          timeoutMs,
        );
        const check = () => {
          const match = output.match(pattern);
          if (match) return finish(undefined, match);
          if (child.exitCode !== null || child.signalCode !== null)
            finish(new Error(`the child exited before ${pattern}; output:\n${output}`));
        };
        const finish = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) fail(error);
          else done(match!);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs a TypeScript file with tsx in a child process. */
export function startTsxChild(file: string, env: Record<string, string | undefined>): Child {
  return startChild(["--import", "tsx", file], env);
}

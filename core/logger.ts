/** A logger small enough to pass around in contexts; the CLI picks where lines go. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export function createStderrLogger(options: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  const write = (level: string, message: string) => process.stderr.write(`${level} ${message}\n`);
  return {
    info: (m) => { if (!options.quiet) write('info', m); },
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
    debug: (m) => { if (options.verbose) write('debug', m); },
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, systemClock, type Clock, type TafelConfig } from '@app/config';
import { USAGE, UsageError, parseArgs, type CliArgs } from './cli-args';
import { EXIT, type CliIo } from './cli-io';
import { CliModule } from './cli.module';
import type { CommandContext } from './commands/command-context';
import { exportCommand } from './commands/export.command';
import { projectionsCommand } from './commands/projections.command';
import { rebuildProjectionsCommand } from './commands/rebuild-projections.command';
import { replayCommand } from './commands/replay.command';
import { researchExportCommand } from './commands/research-export.command';
import { retentionCommand } from './commands/retention.command';
import { rotateMasterKeyCommand } from './commands/rotate-master-key.command';
import { MasterKeyRefused } from '@app/privacy';
import { verifyCommand } from './commands/verify.command';

export interface CliCommand {
  /** Checks the arguments before anything is opened. @throws UsageError */
  check(args: CliArgs): void;
  run(context: CommandContext): Promise<number>;
}

const COMMANDS: Record<string, CliCommand> = {
  replay: replayCommand,
  verify: verifyCommand,
  'rebuild-projections': rebuildProjectionsCommand,
  projections: projectionsCommand,
  export: exportCommand,
  'research-export': researchExportCommand,
  'rotate-master-key': rotateMasterKeyCommand,
  retention: retentionCommand,
};

/**
 * Runs one CLI command against the configured store; resolves with the exit code. `clock`: the time
 * leases are judged by (tests inject theirs).
 */
export async function runCli(argv: string[], io: CliIo, clock: Clock = systemClock): Promise<number> {
  let args: CliArgs;
  let command: CliCommand | undefined;
  try {
    args = parseArgs(argv);
    if (!args.command || args.flags.has('help') || args.command === 'help') {
      io.stdout.write(USAGE);
      return args.command || args.flags.has('help') ? EXIT.ok : EXIT.usage;
    }
    command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}"`);
    command.check(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`tafel: ${e.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  let config: TafelConfig;
  try {
    config = loadConfig(io.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`tafel: configuration refused: ${e.message}\n`);
    return EXIT.config;
  }
  let app;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, clock), {
      logger: ['error'],
      abortOnError: false,
    });
  } catch (e) {
    if (!(e instanceof MasterKeyRefused)) throw e;
    io.stderr.write(`tafel: ${e.message}\n`);
    return EXIT.config;
  }
  try {
    return await command.run({ app, config, io, args });
  } finally {
    await app.close();
  }
}

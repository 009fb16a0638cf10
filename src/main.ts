import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';

/** Serves until SIGINT/SIGTERM, then closes connections and the database cleanly. */
export async function serve(config: Config): Promise<void> {
  const started = await buildApp(config);
  const { app } = started;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await started.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { url: config.publicUrl, database: started.database.kind },
    `motcua is running at ${config.publicUrl} (database: ${started.database.kind})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve(loadConfig());
}

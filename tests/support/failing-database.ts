/** Runs one SQL statement: db.$executeRawUnsafe in integration tests, a pg client in e2e. */
type RunSql = (sql: string) => Promise<unknown>;

/**
 * Makes PostgreSQL refuse to store any message whose text contains `marker`, as a full disk
 * would, until the returned function puts things back. Other messages are stored as usual, so
 * tests running beside it are not touched. For webhook deliveries that fail while being applied.
 */
export async function refuseMessagesContaining(run: RunSql, marker: string): Promise<() => Promise<void>> {
  if (!/^[\w-]+$/.test(marker)) throw new Error("a marker of letters, digits, _ and - only");
  const name = `refuse_${marker.replaceAll("-", "_").toLowerCase()}`;
  await run(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF strpos(NEW."textBody", '${marker}') > 0 THEN RAISE EXCEPTION 'could not extend file: No space left on device'; END IF;
      RETURN NEW;
    END $$`);
  await run(`CREATE TRIGGER ${name} BEFORE INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await run(`DROP TRIGGER IF EXISTS ${name} ON "Message"`);
    await run(`DROP FUNCTION IF EXISTS ${name}()`);
  };
}

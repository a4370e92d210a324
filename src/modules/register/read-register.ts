// Reads the register for an export: the shared context once, then the controllers in keyset-paged
// batches of ROWS_PER_STATEMENT, each batch in its own short transaction under the caller's scope.
// So an export of 100,000 controllers holds one batch in memory, and on the embedded engine (one
// connection) requests are answered between batches. A controller added or changed while the
// export runs appears as it is when its batch is read.
import { nextTurn, ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import { inScope, type Scope } from "../../db/scope.ts";
import { loadCatalogue } from "../catalogue/index.ts";
import { findProcessor } from "../processor/index.ts";
import { categoriesOf, registerController, type RegisterContext, type RegisterController } from "./content.ts";
import { measuresInForce } from "./measures-in-force.ts";
import { controllerPage, countControllers, findControllerRow } from "./queries.ts";

/** The processor, the categories of processing and the measures in force, as the register shares them. */
export async function loadRegisterContext(tx: Db): Promise<RegisterContext> {
  // One after the other: a transaction is one connection.
  const processor = await findProcessor(tx);
  const catalogue = await loadCatalogue(tx);
  const measures = await measuresInForce(tx);
  const street = [processor.address, [processor.postalCode, processor.city].filter(Boolean).join(" "), processor.country].filter(Boolean);
  return {
    processor: { name: processor.name, address: street.join(", "), privacyEmail: processor.privacyEmail },
    categories: categoriesOf(catalogue),
    measures,
    zone: processor.timeZone,
  };
}

export interface RegisterSource {
  context: RegisterContext;
  /** How many controllers the scope sees (for a progress bar; the batches may end with more or fewer). */
  total: number;
  batches: AsyncIterable<RegisterController[]>;
}

/** The whole register the scope may see (staff: every controller), a batch at a time. */
export async function readRegister(db: Db, scope: Scope, batchSize = ROWS_PER_STATEMENT): Promise<RegisterSource> {
  const { context, total } = await inScope(db, scope, async (tx) => ({ context: await loadRegisterContext(tx), total: await countControllers(tx) }));
  async function* batches(): AsyncGenerator<RegisterController[]> {
    let after: string | null = null;
    for (;;) {
      const page = await inScope(db, scope, (tx) => controllerPage(tx, after, batchSize));
      if (page.length === 0) {
        return;
      }
      yield page.map((row) => registerController(row, context));
      after = page[page.length - 1]?.customer_number ?? null;
      if (page.length < batchSize) {
        return;
      }
      await nextTurn();
    }
  }
  return { context, total, batches: batches() };
}

/** One controller's slice (its own art. 30(1) record), or null when the scope may not see it. */
export async function readControllerSlice(
  db: Db,
  scope: Scope,
  controllerId: string,
): Promise<{ context: RegisterContext; controller: RegisterController } | null> {
  return inScope(db, scope, async (tx) => {
    const row = await findControllerRow(tx, controllerId);
    if (row === null) {
      return null;
    }
    const context = await loadRegisterContext(tx);
    return { context, controller: registerController(row, context) };
  });
}

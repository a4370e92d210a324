// Import rules, checked by `npm run check` (dependency-cruiser): no circles, module boundaries, layers.
// The composition root (src/app.ts) sits on top and wires the modules into the core (db, http).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle hides the layers: split the shared part into a file both can import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "module-boundary",
      severity: "error",
      comment: 'A module\'s public surface is its index.ts: import that, not its files (docs/ARCHITECTURE.md, "adding a clause").',
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/([^/]+)/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"] },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "src/domain holds pure rules: no database, HTTP, modules or jobs.",
      from: { path: "^src/domain/", pathNot: "\\.test\\.ts$" },
      to: { path: "^src/(db|http|modules|jobs|cli)/" },
    },
    {
      name: "core-below-modules",
      severity: "error",
      comment: "The core (db, http) knows no clause: modules depend on it, never the other way; the composition root wires them.",
      from: { path: "^src/(db|http)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^src/modules/" },
    },
    {
      name: "sql-in-query-files",
      severity: "error",
      comment:
        "SQL lives in query files (queries.ts, *-queries.ts) and src/db: a use case, route or job calls named query functions. " +
        "Other files may import the schema's types, not its tables, nor drizzle's operators. API schemas (schemas.ts) take the " +
        "schema's vocabularies (roles, statuses); the outbox's own PostgreSQL session (outbox-session.ts) binds drizzle to its client.",
      from: {
        path: "^src/(modules|jobs|cli)/",
        pathNot: ["(^|/|-)queries\\.ts$", "\\.test\\.ts$", "/schemas\\.ts$", "^src/jobs/outbox-session\\.ts$"],
      },
      to: { path: ["^src/db/schema/", "(^|/)node_modules/drizzle-orm/"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};

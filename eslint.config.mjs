import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import importPlugin from "eslint-plugin-import";

/**
 * The feature folders, lowest first. A feature may import only the ones before it, so features
 * depend on each other in one direction and never in a circle. A new feature goes where its imports
 * put it (README, "Develop").
 */
export const FEATURE_ORDER = [
  "editor",
  "site",
  "media",
  "legal",
  "posts",
  "preview-links",
  "authors",
  "categories",
  "tags",
  "series",
  "pages",
  "menus",
  "search",
  "comments",
  "people",
  "subscriptions",
  "digest",
  "redirects",
  "complaints",
  "feeds",
  "wordpress",
  "demo-content",
  "backup",
];

/** What reaches the database: the one Prisma client, and the drivers and queue beneath it. */
const DATABASE_MODULES = ["src/lib/db.ts", "node_modules/pg", "node_modules/@types/pg", "node_modules/@prisma/adapter-pg", "node_modules/pg-boss"];

/** Besides every feature's data.ts and mutations.ts, the only files that may import DATABASE_MODULES. */
const DATABASE_INFRASTRUCTURE = [
  "src/lib/db.ts",
  "src/lib/database-health.ts",
  "src/lib/action.ts",
  "src/lib/auth.ts",
  "src/lib/audit.ts",
  "src/lib/job-queue.ts",
  "src/lib/rate-limit.ts",
  "src/lib/redirect-table.ts",
  "src/lib/shared-settings.ts",
  "src/lib/embedded-postgres.ts",
  "src/lib/schema-engine.ts",
  "src/lib/schema-catalog.ts",
  "src/lib/cache/**",
  "src/jobs/**",
];

const DATA_FILES = ["src/features/**/data.ts", "src/features/**/mutations.ts", "src/features/posts/store.ts"];

/** Modules that must never reach a browser bundle: they start with `import "server-only"`. */
const SERVER_MODULES = [
  "src/features/posts/store.ts",
  "src/features/**/data.ts",
  "src/features/**/mutations.ts",
  "src/features/**/commands.ts",
  "src/lib/db.ts",
  "src/lib/auth.ts",
  "src/lib/audit.ts",
  "src/lib/redirect-table.ts",
  "src/lib/action.ts",
  "src/lib/job-queue.ts",
  "src/lib/rate-limit.ts",
  "src/lib/signed-links.ts",
  "src/lib/mail/send.ts",
  "src/lib/mail/queue.ts",
];

const requireServerOnly = {
  meta: { type: "problem", messages: { missing: 'A server module starts with `import "server-only";` so that it can never be bundled for the browser.' }, schema: [] },
  create(context) {
    return {
      Program(program) {
        const marked = program.body.some((node) => node.type === "ImportDeclaration" && node.source.value === "server-only");
        if (!marked) context.report({ node: program, messageId: "missing" });
      },
    };
  },
};

// ---------- the post store ----------

/** The only file that writes the post store's tables (features/posts/store.ts, README "Develop"). */
const POST_STORE = "src/features/posts/store.ts";
const STORE_DELEGATES = new Set(["post", "revision", "postAuthor", "postTag"]);
const WRITE_METHODS = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);
const STORE_SQL_WRITE = /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+"(?:Post|Revision|PostAuthor|PostTag)"/i;

const postStoreOnly = {
  meta: {
    type: "problem",
    messages: {
      delegate: "Only the post store (src/features/posts/store.ts) writes {{table}}: call one of its functions instead of `{{table}}.{{method}}`.",
      sql: "Only the post store (src/features/posts/store.ts) writes Post, Revision, PostAuthor and PostTag: call one of its functions instead of this SQL.",
    },
    schema: [],
  },
  create(context) {
    const checkSql = (node, text) => {
      if (STORE_SQL_WRITE.test(text)) context.report({ node, messageId: "sql" });
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier" || !WRITE_METHODS.has(callee.property.name)) return;
        const target = callee.object;
        const table = target.type === "MemberExpression" && target.property.type === "Identifier" ? target.property.name : target.type === "Identifier" ? target.name : null;
        if (table && STORE_DELEGATES.has(table)) context.report({ node, messageId: "delegate", data: { table, method: callee.property.name } });
      },
      TemplateLiteral(node) {
        checkSql(node, node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(" "));
      },
      Literal(node) {
        if (typeof node.value === "string") checkSql(node, node.value);
      },
    };
  },
};

const docket = { rules: { "require-server-only": requireServerOnly, "post-store-only": postStoreOnly } };

/**
 * One layering rule: eslint-plugin-import's no-restricted-paths, which resolves every import (the "@/"
 * alias, a relative path, a dynamic import() or a require) to the file it names, through the
 * TypeScript resolver eslint-config-next sets up, before checking it against the zones. Each rule gets
 * a plugin name of its own, so that rules for overlapping files keep their own zones (flat config
 * replaces a rule's options, it never merges them). A new rule is one more call.
 */
function restrictedPaths(name, { files = ["src/**/*.{ts,tsx,mts,js,mjs}"], ignores = [], zones }) {
  return {
    files,
    ignores,
    plugins: { [name]: { rules: { "no-restricted-paths": importPlugin.rules["no-restricted-paths"] } } },
    rules: { [`${name}/no-restricted-paths`]: ["error", { basePath: import.meta.dirname, zones }] },
  };
}

const featureOrder = restrictedPaths("feature-order", {
  zones: [
    ...FEATURE_ORDER.map((feature, index) => ({
      target: `src/features/${feature}`,
      from: [...FEATURE_ORDER.slice(index + 1).map((higher) => `src/features/${higher}`), "src/app"],
      message: `Features depend on each other in one direction (FEATURE_ORDER in eslint.config.mjs): ${feature} may import only the features before it, and never routes.`,
    })),
    {
      target: ["src/lib", "src/components"],
      from: ["src/features", "src/app"],
      message: "src/lib and src/components are below every feature: they never import features or routes.",
    },
  ],
});

const databaseAccess = restrictedPaths("database", {
  ignores: [...DATABASE_INFRASTRUCTURE, ...DATA_FILES],
  zones: [
    {
      target: "src",
      from: DATABASE_MODULES,
      message: "The database is used only from a feature's data.ts or mutations.ts, src/jobs and the named infrastructure files (DATABASE_INFRASTRUCTURE in eslint.config.mjs).",
    },
  ],
});

/** A dynamic import names its module as a plain string, so that the rules above can follow it. */
const literalDynamicImports = {
  selector: "ImportExpression[source.type!='Literal']",
  message: "Name the module of a dynamic import() as a plain string, so that the layering rules can check it.",
};
/** However it is imported or named, a second Prisma client would bypass the one in src/lib/db.ts. */
const noSecondPrismaClient = [
  "NewExpression[callee.name='PrismaClient']",
  "NewExpression[callee.property.name='PrismaClient']",
  "ImportDeclaration[importKind!='type'] > ImportSpecifier[imported.name='PrismaClient'][importKind!='type']",
  "ObjectPattern > Property[key.name='PrismaClient']",
].map((selector) => ({
  selector,
  message: "The one Prisma client is db() in src/lib/db.ts: never create another.",
}));

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".next-test/**", ".data/**", ".test-data/**", "src/generated/**", "node_modules/**", "next-env.d.ts"] },
  featureOrder,
  databaseAccess,
  { files: ["src/**/*.{ts,tsx}"], rules: { "no-restricted-syntax": ["error", literalDynamicImports, ...noSecondPrismaClient] } },
  { files: ["src/lib/db.ts"], rules: { "no-restricted-syntax": ["error", literalDynamicImports] } },
  // Features cannot form a circle (featureOrder); nor can the infrastructure beneath them.
  { files: ["src/lib/**/*.ts"], rules: { "import/no-cycle": ["error", { ignoreExternal: true }] } },
  { files: SERVER_MODULES, plugins: { docket }, rules: { "docket/require-server-only": "error" } },
  // The post store is the one writer of Post, Revision, PostAuthor and PostTag.
  { files: ["src/**/*.{ts,tsx}", "scripts/**/*.ts"], ignores: [POST_STORE], plugins: { docket }, rules: { "docket/post-store-only": "error" } },
];

export default config;

import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The feature folders, lowest first. A feature may import only the ones before it, so features
 * depend on each other in one direction and never in a circle. A new feature goes where its imports
 * put it (README, "Develop").
 */
export const FEATURE_ORDER = [
  "editor",
  "site",
  "media",
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
  "feeds",
  "wordpress",
  "demo-content",
  "backup",
];

/** The only files outside features' data.ts and mutations.ts that may use the database client. */
const DATABASE_INFRASTRUCTURE = ["src/lib/db.ts", "src/lib/auth.ts", "src/lib/audit.ts", "src/lib/redirect-table.ts", "src/lib/rate-limit.ts", "src/jobs/**"];

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
  "src/lib/rate-limit.ts",
  "src/lib/signed-links.ts",
  "src/lib/mail/send.ts",
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

const featureImport = (name) => [`@/features/${name}`, `@/features/${name}/*`];
const DATA_FILES = ["src/features/**/data.ts", "src/features/**/mutations.ts", POST_STORE];

/** One no-restricted-imports entry per kind of file (flat config replaces a rule's options, never merges them). */
function restrictImports({ files, ignores = [], database, patterns = [] }) {
  const paths = database ? [{ name: "@/lib/db", message: "The database is used only from a feature's data.ts or mutations.ts, src/jobs and the named infrastructure files." }] : [];
  const options = { ...(paths.length > 0 ? { paths } : {}), ...(patterns.length > 0 ? { patterns } : {}) };
  return { files, ignores, rules: { "no-restricted-imports": ["error", options] } };
}

const featureLayers = FEATURE_ORDER.flatMap((feature, index) => {
  const higher = FEATURE_ORDER.slice(index + 1).flatMap(featureImport);
  const patterns = [
    ...(higher.length > 0
      ? [{ group: higher, message: `Features depend on each other in one direction (FEATURE_ORDER in eslint.config.mjs): ${feature} may import only the features before it.` }]
      : []),
    { group: ["@/app/*"], message: "Features never import routes." },
  ];
  const files = [`src/features/${feature}/**`];
  return [restrictImports({ files, ignores: DATA_FILES, database: true, patterns }), restrictImports({ files: DATA_FILES.map((glob) => glob.replace("**", `${feature}/**`)), patterns })];
});

const belowFeatures = [{ group: ["@/features/*", "@/app/*"], message: "src/lib and src/components are below every feature: they never import features or routes." }];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".next-test/**", ".data/**", ".test-data/**", "src/generated/**", "node_modules/**", "next-env.d.ts"] },
  restrictImports({ files: ["src/app/**"], database: true }),
  ...featureLayers,
  restrictImports({ files: ["src/lib/**", "src/components/**"], ignores: DATABASE_INFRASTRUCTURE, database: true, patterns: belowFeatures }),
  restrictImports({ files: DATABASE_INFRASTRUCTURE.filter((glob) => glob.startsWith("src/lib/")), patterns: belowFeatures }),
  { files: SERVER_MODULES, plugins: { docket }, rules: { "docket/require-server-only": "error" } },
  // The post store is the one writer of Post, Revision, PostAuthor and PostTag.
  { files: ["src/**/*.{ts,tsx}", "scripts/**/*.ts"], ignores: [POST_STORE], plugins: { docket }, rules: { "docket/post-store-only": "error" } },
];

export default config;

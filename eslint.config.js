// Lint (`npm run check`): the rules STYLE.md asks for. Import circles and module boundaries are
// checked by dependency-cruiser (.dependency-cruiser.cjs); formatting by Prettier.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".art28-test-cache/", "web/src/api/schema.d.ts", "**/*.cjs"] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.config.ts", "eslint.config.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() and describe() return promises the runner awaits itself.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] },
      ],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      curly: "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
      // A leading underscore names what is left out on purpose (a destructured field, an unused argument).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // The server logs through pino; the CLI and benchmarks write to stdout and stderr.
    files: ["src/**", "bench/**", "scripts/**"],
    rules: { "no-console": "error" },
  },
);

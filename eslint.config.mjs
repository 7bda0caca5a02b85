/*
 * ESLint for mr_dashboard's browser scripts and their tests (docs/javascript.md).
 *
 * The rules are Horizon's JavaScript style: Horizon's .eslintrc extends
 * eslint-config-openstack (plain ES5 in the browser, two-space indent,
 * semicolons, one true brace style, 100 columns, "use strict" in every
 * function scope, === only, no console...). That config is written for the
 * old .eslintrc format and ESLint's removed rules, so the same choices are
 * restated here in the flat format: the core rules ESLint keeps, the layout
 * rules from @stylistic (where ESLint moved them). Where Horizon only warns
 * (brace-style, strict, consistent-return, no-redeclare...) this config
 * says error: the scripts are few and new, so they keep to all of it.
 * eslint-config-openstack leaves no-undef off; it is on here, with the
 * browser's globals, so a name the page does not define is caught.
 */
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';

const style = {
  '@stylistic/brace-style': ['error', '1tbs', {allowSingleLine: true}],
  '@stylistic/comma-style': 'error',
  '@stylistic/eol-last': 'error',
  // Two spaces a level; a call's or object's continuation lines may also
  // line up with its first argument or property, as the scripts do.
  '@stylistic/indent': ['error', 2, {
    SwitchCase: 1,
    CallExpression: {arguments: 'first'},
    ObjectExpression: 'first',
    ArrayExpression: 'first'
  }],
  '@stylistic/keyword-spacing': 'error',
  '@stylistic/linebreak-style': ['error', 'unix'],
  '@stylistic/max-len': ['error', {code: 100, tabWidth: 2}],
  '@stylistic/new-parens': 'error',
  '@stylistic/no-extra-parens': ['error', 'all'],
  '@stylistic/no-extra-semi': 'error',
  '@stylistic/no-floating-decimal': 'error',
  '@stylistic/no-mixed-spaces-and-tabs': 'error',
  '@stylistic/no-multi-spaces': 'error',
  '@stylistic/no-multiple-empty-lines': ['error', {max: 1}],
  '@stylistic/no-trailing-spaces': 'error',
  '@stylistic/operator-linebreak': 'error',
  '@stylistic/quote-props': ['error', 'as-needed'],
  '@stylistic/semi': ['error', 'always'],
  '@stylistic/semi-spacing': ['error', {before: false, after: true}],
  '@stylistic/space-before-blocks': ['error', 'always'],
  '@stylistic/space-in-parens': ['error', 'never'],
  '@stylistic/space-infix-ops': 'error',
  '@stylistic/space-unary-ops': ['error', {words: true, nonwords: false}],
  '@stylistic/wrap-iife': ['error', 'any']
};

const practice = {
  'accessor-pairs': 'error',
  'block-scoped-var': 'error',
  camelcase: ['error', {properties: 'never'}],
  complexity: ['warn', 10],
  'consistent-return': 'error',
  curly: 'error',
  'dot-notation': 'error',
  eqeqeq: 'error',
  'guard-for-in': 'error',
  'no-alert': 'error',
  'no-caller': 'error',
  'no-console': 'error',
  'no-div-regex': 'error',
  'no-eq-null': 'error',
  'no-eval': 'error',
  'no-extend-native': 'error',
  'no-extra-bind': 'error',
  'no-implied-eval': 'error',
  'no-iterator': 'error',
  'no-labels': 'error',
  'no-lone-blocks': 'error',
  'no-loop-func': 'error',
  'no-multi-str': 'error',
  'no-new': 'error',
  'no-new-func': 'error',
  'no-new-wrappers': 'error',
  'no-object-constructor': 'error',
  'no-octal-escape': 'error',
  'no-proto': 'error',
  'no-redeclare': ['error', {builtinGlobals: true}],
  'no-return-assign': 'error',
  'no-script-url': 'error',
  'no-self-compare': 'error',
  'no-sequences': 'error',
  'no-throw-literal': 'error',
  'no-undef-init': 'error',
  'no-unmodified-loop-condition': 'error',
  'no-unneeded-ternary': 'error',
  'no-unused-expressions': 'error',
  'no-use-before-define': ['error', {functions: false}],
  'no-useless-escape': 'off',
  'no-void': 'error',
  'no-warning-comments': ['warn', {terms: ['todo', 'xxx', 'fixme']}],
  'one-var': ['error', {uninitialized: 'always', initialized: 'never'}],
  radix: 'error'
};

export default [
  {
    ignores: ['node_modules/', '.tox/', '.democloud/', 'test-artifacts/', 'docs/_build/']
  },
  js.configs.recommended,
  {
    plugins: {'@stylistic': stylistic},
    linterOptions: {reportUnusedDisableDirectives: 'error'},
    rules: {...practice, ...style}
  },
  {
    // What Horizon's pages load: plain ES5 scripts (no build step) that
    // reach Horizon, jQuery and d3 through window only.
    files: ['mr_dashboard/static/**/*.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      // ES5 syntax, but the runtime of the browsers Horizon supports
      // (Promise, fetch, URLSearchParams...).
      globals: {...globals.es2021, ...globals.browser}
    },
    rules: {strict: ['error', 'function']}
  },
  {
    // The tests and this tooling: ES modules in Node, the tests in a
    // browser's window too (jsdom).
    files: ['tests/js/**/*.js', '*.mjs'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: {...globals.node, ...globals.browser}
    },
    // The tests watch what the scripts write on the console.
    rules: {'no-console': 'off'}
  }
];

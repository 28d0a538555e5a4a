import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'.n8n-install/**',
			'.n8n-data/**',
			'.artifacts/**',
			// Dev tooling that installs and starts n8n itself (child processes, a demo login): not code
			// that runs inside n8n, which is what these rules are for. Type-checked by `npm run typecheck`.
			'e2e/**',
			'dev/**',
			'scripts/**',
		],
	},
	{
		files: ['package.json'],
		rules: {
			// The one exception: libphonenumber-js is a deliberate runtime dependency (E.164 phone
			// normalisation with real numbering-plan data); hand-written phone logic would be wrong.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];

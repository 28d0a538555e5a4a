import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-install/**', '.n8n-data/**', 'coverage/**'] },
	{
		files: ['package.json'],
		rules: {
			// The one exception: libphonenumber-js is a deliberate runtime dependency (E.164 phone
			// normalisation with real numbering-plan data); hand-written phone logic would be wrong.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];

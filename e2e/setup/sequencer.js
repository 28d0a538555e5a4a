/**
 * The order the e2e files start in: the longest first, so that the last file to finish is not a
 * long one started late (jest runs three at a time). Files not named here follow, by name; name a
 * new file here when it takes minutes.
 */
const LONGEST_FIRST = [
	'queue.e2e.ts',
	'after-visit.e2e.ts',
	'demo-restart.e2e.ts',
	'safety.e2e.ts',
	'editor.e2e.ts',
	'queue-mode-demo.e2e.ts',
	'trigger-restart.e2e.ts',
	'trigger-republish.e2e.ts',
	'mcp.e2e.ts',
	'n8n1.e2e.ts',
	'api24.e2e.ts',
	'n8n.e2e.ts',
];

const rank = (test) => {
	const name = test.path.split('/').pop();
	const index = LONGEST_FIRST.indexOf(name);
	return index === -1 ? LONGEST_FIRST.length : index;
};

class LongestFirst {
	sort(tests) {
		return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
	}

	cacheResults() {}
}

module.exports = LongestFirst;

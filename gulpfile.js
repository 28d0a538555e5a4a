const { src, dest, parallel, task } = require('gulp');

// tsc only emits JavaScript: icons and the nodes' codex files are copied next to it.
task(
	'build:icons',
	parallel(
		() => src('icons/**/*.svg').pipe(dest('dist/icons')),
		() => src('nodes/**/*.node.json').pipe(dest('dist/nodes')),
	),
);

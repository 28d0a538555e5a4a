const { src, dest, task } = require('gulp');

// tsc only emits JavaScript: node and credential icons are copied next to it.
task('build:icons', () => src('icons/**/*.svg').pipe(dest('dist/icons')));

/** The demo: its workflows and credentials (`workflows`), importing them into n8n (`import`), and running it all (`run`). */
export * from './import';
export * from './run';
export * from './workflows';

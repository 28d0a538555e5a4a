/** Real n8n for the demo, the e2e tests and the benches: starting it (`launch`) and its REST API (`client`). */
export * from './client';
export * from './launch';

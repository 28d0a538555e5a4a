import type { INodePropertyOptions } from 'n8n-workflow';

/** The name of the chosen option of an `options` parameter, e.g. an event's. */
export function optionSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	const names = Object.fromEntries(options.map((option) => [String(option.value), option.name]));
	return `={{ ${JSON.stringify(names)}[$parameter["${parameter}"]] }}`;
}

/** The chosen events of a multi-select: the name of one, or how many. */
export function eventsSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	const names = Object.fromEntries(options.map((option) => [String(option.value), option.name]));
	const chosen = `$parameter["${parameter}"]`;
	return `={{ ${chosen}.length === 1 ? ${JSON.stringify(names)}[${chosen}[0]] : ${chosen}.length + " events" }}`;
}

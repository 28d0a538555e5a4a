import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'from', 'in', 'of', 'or', 'the', 'to']);

/** "Create or update a guest" → "Create or Update a Guest", as n8n shows actions on the canvas. */
export function titleCase(text: string): string {
	return text
		.split(' ')
		.map((word, index) =>
			index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');
}

/**
 * A canvas subtitle naming the chosen action as the user picked it ("Create or Update a Guest"),
 * looked up from the resources' operation options, instead of internal values ("upsert: guest").
 */
export function actionSubtitle(resources: Record<string, INodeProperties[]>): string {
	const names: Record<string, string> = {};
	for (const [resource, properties] of Object.entries(resources)) {
		const operation = properties.find((property) => property.name === 'operation');
		for (const option of (operation?.options ?? []) as INodePropertyOptions[]) {
			names[`${resource}:${String(option.value)}`] = titleCase(option.action ?? option.name);
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

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

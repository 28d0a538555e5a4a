import { createHash } from 'node:crypto';

import type { SandboxContext } from '../../context';
import { bad } from './fields';

/**
 * 2.4 tags are `Tag Group:Tag Name`; the stored objects keep bare names (the contract's tags), and
 * the sandbox remembers each name's group. A name is in one group: adding `B:vip` moves `vip`.
 * The seeded tags' groups are `SEEDED_TAG_GROUPS` (seedLists.ts).
 */

const slug = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '_');
const DEFAULT_GROUP = 'Custom Global';

export function tagObject(ctx: SandboxContext, name: string) {
	const group = ctx.v24.tagGroups.get(name) ?? DEFAULT_GROUP;
	return {
		tag: name,
		tag_display: name,
		group: `tag_group_${slug(group)}`,
		group_display: group,
		color: `#${createHash('sha256').update(group).digest('hex').slice(0, 6)}`,
	};
}

/** `Group:Name` entries (the group may be followed by a space) as bare names, groups remembered. */
export function tagNames(ctx: SandboxContext, entries: string[], remember: boolean): string[] {
	return entries.map((entry) => {
		const colon = entry.indexOf(':');
		const group = entry.slice(0, colon).trim();
		const name = entry.slice(colon + 1).trim();
		if (colon < 0 || !group || !name)
			throw bad(`Tag "${entry}" must be written as Tag Group:Tag Name`);
		if (remember) ctx.v24.tagGroups.set(name, group);
		return name;
	});
}

/** Adds and removes `Group:Name` tags; answers the new list. */
export function changeTags(
	ctx: SandboxContext,
	tags: string[],
	add: string[] | undefined,
	remove: string[] | undefined,
): string[] {
	const removed = new Set(remove ? tagNames(ctx, remove, false) : []);
	const added = add ? tagNames(ctx, add, true) : [];
	const result = tags.filter((tag) => !removed.has(tag));
	for (const tag of added) if (!result.includes(tag)) result.push(tag);
	return result;
}

/** A filter entry (`Name` or `Group:Name`) against a stored name. */
export function tagMatches(ctx: SandboxContext, entry: string, name: string): boolean {
	const colon = entry.indexOf(':');
	if (colon < 0) return entry.trim().toLowerCase() === name.toLowerCase();
	const group = ctx.v24.tagGroups.get(name) ?? DEFAULT_GROUP;
	return entry.slice(colon + 1).trim() === name && entry.slice(0, colon).trim() === group;
}

import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { verifySignature } from './helpers/signature';
import { listSearch } from './methods';
import { EVENT_LOCAL_FIELDS, WEBHOOK_EVENTS } from './shared/contract';
import { authenticationProperty, nodeCredentials, venueLocator } from './shared/descriptions';
import { authenticationOf } from './transport';
import { eventsSubtitle } from './shared/subtitles';
import { withVenueLocalTimes } from './api/venueTime';
import {
	EVENT_KEY_PROPERTY,
	acceptOnce,
	eventKeyOf,
	migrateRecentEventIds,
	storeAccepted,
} from './webhooks/acceptedEvents';
import { subscribe, subscriptionExists, unsubscribeAll } from './webhooks/subscription';

/** The delivered event, or undefined when the body is not a JSON object (answered with 400). */
function parseEvent(raw: string): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(raw);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	context.getResponseObject().status(status).set(headers).json(body);
	return { noWebhookResponse: true };
}

const NO_WEBHOOKS_24 =
	'SevenRooms API 2.4 has no webhooks, so this trigger cannot be activated with it. Use the SevenRooms Poll Trigger: it watches guests, audience changes, birthdays, reservations and the waitlist on API 2.4.';

export class SevenRoomsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SevenRooms Trigger',
		name: 'sevenRoomsTrigger',
		icon: {
			light: 'file:../../icons/sevenrooms.svg',
			dark: 'file:../../icons/sevenrooms.dark.svg',
		},
		group: ['trigger'],
		// Version 2 behaves as 1; n8n gives version-1 webhook nodes its legacy Webhook-v1 handling
		// (an expression sandbox per delivery), which halves their throughput.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: eventsSubtitle('events', WEBHOOK_EVENTS),
		// n8n's node panel lists this trigger's events under the SevenRooms node's entry, with this
		// description above both the events and the actions: true there and for the trigger alone.
		description:
			'Starts a workflow when a SevenRooms reservation, guest or waitlist entry is new, changed or cancelled; the SevenRooms actions create, update and look them up',
		defaults: { name: 'SevenRooms Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			authenticationProperty,
			{
				displayName: NO_WEBHOOKS_24,
				name: 'noWebhooksNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['api24'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENTS,
				default: ['reservation.created'],
				required: true,
				description: 'The events that start the workflow, one execution per event',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						...venueLocator,
						displayName: 'Only Venue',
						required: false,
						description: 'Start only for events of this venue',
					},
				],
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (authenticationOf(this) === 'api24') return false;
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (authenticationOf(this) === 'api24') {
					throw new NodeOperationError(this.getNode(), 'SevenRooms API 2.4 has no webhooks', {
						description: NO_WEBHOOKS_24,
					});
				}
				return await subscribe(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (authenticationOf(this) === 'api24') return true;
				return await unsubscribeAll(this);
			},
		},
	};

	/**
	 * The execution an accepted delivery started: the event passes through unchanged, and its key
	 * (the id, or the signed body's hash) is stored in the static data here. n8n 2.41 does not save
	 * static data changed on the way to a webhook answer that starts an execution, but saves what
	 * the execution changes, so this is what keeps a redelivery after a restart from starting the
	 * workflow again.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData().map(({ [EVENT_KEY_PROPERTY]: key, ...item }) => ({
			item,
			// Items from elsewhere (pinned data, an older trigger's webhook) carry only the event.
			key: typeof key === 'string' ? key : item.json.id,
		}));
		const output = items.map(({ item }) => item);
		const state = this.getWorkflowStaticData('node');
		// A queue-mode worker gets the execution without the workflow's static data, and n8n would
		// save what changes here over all of it, signing secret included. Only a copy that holds the
		// subscription is the real one (reading it, or an empty node entry, marks nothing changed).
		if (typeof state.webhookSecret !== 'string') return [output];
		for (const { key } of items) {
			if (typeof key === 'string' && key !== '') storeAccepted(state, key);
		}
		return [output];
	}

	/**
	 * One delivery: signature, shape, filters, then at most one execution per event. Nothing on this
	 * path waits on the API (SevenRooms wants an answer within seconds): local times come from the
	 * zones read at activation, or one quick lookup, or not at all.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const state = this.getWorkflowStaticData('node');
		const rawBody = request.rawBody as Buffer | string | undefined;
		const secret = state.webhookSecret;
		if (typeof secret !== 'string' || secret === '') {
			// n8n 2.x saves the secret after the subscription exists, so a first delivery can come
			// before it: SevenRooms retries a 503, where a 401 would call the delivery forged.
			this.logger.warn(
				'SevenRooms Trigger has no signing secret yet (activation not finished, or its saved data was lost: then deactivate and activate the workflow); asked SevenRooms to retry',
			);
			return answer(this, 503, { error: 'not ready' }, { 'Retry-After': '5' });
		}
		const verdict = verifySignature(request.header('x-sevenrooms-signature'), rawBody, secret);
		if (verdict !== 'valid') {
			this.logger.warn(`SevenRooms Trigger refused a delivery: signature ${verdict}`);
			return answer(this, 401, { error: 'invalid signature' });
		}
		const raw = String(rawBody);
		const event = parseEvent(raw);
		if (!event) return answer(this, 400, { error: 'the body is not a SevenRooms event' });

		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const onlyVenue = (options.venue as IDataObject | undefined)?.value ?? options.venue;
		const data = (
			typeof event.data === 'object' && event.data !== null ? event.data : {}
		) as IDataObject;
		const venueId = event.venue_id ?? data.venue_id;
		if (!events.includes(String(event.type)) || (onlyVenue && venueId !== onlyVenue)) {
			return answer(this, 200, { received: true });
		}

		// At-least-once delivery: a redelivered event is acknowledged and starts nothing.
		const eventKey = eventKeyOf(event, raw);
		migrateRecentEventIds(state);
		const triggerKey = `${this.getWorkflow().id ?? ''}|${this.getNode().id}`;
		if (!acceptOnce(state, triggerKey, eventKey)) {
			return answer(this, 200, { received: true, duplicate: true });
		}

		const zones = (state.venueTimezones ?? {}) as Record<string, string>;
		const localData = await withVenueLocalTimes(this, data, EVENT_LOCAL_FIELDS, {
			venueId,
			knownZone: typeof venueId === 'string' ? zones[venueId] : undefined,
			quick: true,
		});
		const item = { json: { ...event, data: localData }, [EVENT_KEY_PROPERTY]: eventKey };
		return { workflowData: [[item]] };
	}
}

import { randomBytes } from 'node:crypto';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';

import { venueLocator } from './actions/common.descriptions';
import { RESERVATION_LOCAL_FIELDS } from './actions/reservation/fields';
import { WAITLIST_LOCAL_FIELDS } from './actions/waitlist/get.operation';
import { WEBHOOK_EVENTS } from './actions/webhook/fields';
import { verifySignature } from './helpers/signature';
import { withLocalTimes } from './helpers/time';
import { cachedVenueTimezone } from './helpers/venues';
import { listSearch } from './methods';
import { apiRequest, unwrap } from './transport';
import { apiErrorsOf } from './transport/errors';

/** How many recent event ids a trigger remembers to drop redeliveries. */
export const REMEMBERED_EVENT_IDS = 10_000;

const LOCAL_TIME_FIELDS = [...RESERVATION_LOCAL_FIELDS, ...WAITLIST_LOCAL_FIELDS];

// Events this process accepted, oldest first. n8n gives each request its own copy of the static
// data and saves it whole afterwards, so concurrent deliveries can overwrite each other's ids there;
// this memory keeps one process (one n8n, or one webhook processor) exact all the same.
const ACCEPTED_HERE_MS = 24 * 60 * 60_000;
const ACCEPTED_HERE_MAX = 100_000;
const acceptedHere = new Map<string, number>();

/** False when this process already accepted the event; otherwise remembers it. */
function firstTimeHere(key: string): boolean {
	const now = Date.now();
	for (const [oldest, at] of acceptedHere) {
		if (at > now - ACCEPTED_HERE_MS && acceptedHere.size < ACCEPTED_HERE_MAX) break;
		acceptedHere.delete(oldest);
	}
	if (acceptedHere.has(key)) return false;
	acceptedHere.set(key, now);
	return true;
}

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

function isNotFound(error: unknown): boolean {
	return (
		(error as { httpCode?: string })?.httpCode === '404' ||
		apiErrorsOf(error).some((entry) => entry.code === 'not_found')
	);
}

export class SevenRoomsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SevenRooms Trigger',
		name: 'sevenRoomsTrigger',
		icon: {
			light: 'file:../../icons/sevenrooms.svg',
			dark: 'file:../../icons/sevenrooms.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when SevenRooms reports a reservation, guest or waitlist change',
		defaults: { name: 'SevenRooms Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sevenRoomsOAuth2Api', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'SevenRooms may deliver an event more than once; this trigger starts one execution per event ID. With several queue-mode webhook processors a copy can still get through: SevenRooms creates after this trigger are keyed by the event ID and happen once, and for other apps add a Remove Duplicates node on the event ID field.',
				name: 'deliveryNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENTS,
				default: ['reservation.created'],
				required: true,
				description: 'The events that start the workflow',
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
				const webhookData = this.getWorkflowStaticData('node');
				if (webhookData.webhookId === undefined) return false;
				try {
					const existing = unwrap(
						await apiRequest.call(
							this,
							'GET',
							`/webhooks/${encodeURIComponent(String(webhookData.webhookId))}`,
						),
					);
					const events = this.getNodeParameter('events', []) as string[];
					const same =
						existing.url === this.getNodeWebhookUrl('default') &&
						Array.isArray(existing.events) &&
						events.every((event) => (existing.events as string[]).includes(event));
					if (same) return true;
					// Events or URL changed: replace the subscription.
					await apiRequest.call(
						this,
						'DELETE',
						`/webhooks/${encodeURIComponent(String(webhookData.webhookId))}`,
					);
				} catch (error) {
					// Deleted on the SevenRooms side: subscribe again.
					if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				delete webhookData.webhookId;
				delete webhookData.webhookSecret;
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const secret = `whsec_${randomBytes(32).toString('hex')}`;
				const body = {
					url: this.getNodeWebhookUrl('default'),
					events: this.getNodeParameter('events', []) as string[],
					secret,
				};
				const created = unwrap(
					await apiRequest.call(this, 'POST', '/webhooks', {
						body,
						idempotencyKey: randomBytes(16).toString('hex'),
					}),
				);
				const webhookData = this.getWorkflowStaticData('node');
				webhookData.webhookId = created.id;
				// The API may keep its own secret; the one it answers with is the one it signs with.
				webhookData.webhookSecret =
					typeof created.secret === 'string' && created.secret ? created.secret : secret;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const webhookData = this.getWorkflowStaticData('node');
				if (webhookData.webhookId !== undefined) {
					try {
						await apiRequest.call(
							this,
							'DELETE',
							`/webhooks/${encodeURIComponent(String(webhookData.webhookId))}`,
						);
					} catch (error) {
						if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
					}
				}
				delete webhookData.webhookId;
				delete webhookData.webhookSecret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const webhookData = this.getWorkflowStaticData('node');
		const rawBody = request.rawBody as Buffer | string | undefined;
		const verdict = verifySignature(
			request.header('x-sevenrooms-signature'),
			rawBody,
			webhookData.webhookSecret as string | undefined,
		);
		if (verdict !== 'valid') {
			this.logger.warn(`SevenRooms Trigger refused a delivery: signature ${verdict}`);
			response.status(401).json({ error: 'invalid signature' });
			return { noWebhookResponse: true };
		}

		const event = parseEvent(String(rawBody));
		const eventId =
			typeof event?.id === 'string' ? event.id : request.header('x-sevenrooms-event-id');
		if (!event || !eventId) {
			response.status(400).json({ error: 'the body is not a SevenRooms event' });
			return { noWebhookResponse: true };
		}

		// At-least-once delivery: a redelivered event is acknowledged and starts nothing.
		const seen = Array.isArray(webhookData.recentEventIds)
			? (webhookData.recentEventIds as string[])
			: [];
		const processKey = `${this.getWorkflow().id ?? ''}|${this.getNode().id}|${eventId}`;
		if (seen.includes(eventId) || !firstTimeHere(processKey)) {
			response.status(200).json({ received: true, duplicate: true });
			return { noWebhookResponse: true };
		}
		seen.push(eventId);
		webhookData.recentEventIds = seen.slice(-REMEMBERED_EVENT_IDS);

		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const onlyVenue = (options.venue as IDataObject | undefined)?.value ?? options.venue;
		if (!events.includes(String(event.type)) || (onlyVenue && event.venue_id !== onlyVenue)) {
			response.status(200).json({ received: true });
			return { noWebhookResponse: true };
		}

		let data = (event.data ?? {}) as IDataObject;
		const venueId = (event.venue_id ?? data.venue_id) as string | undefined;
		if (venueId) {
			const zone = await cachedVenueTimezone.call(this, String(venueId)).catch((error: Error) => {
				this.logger.warn(
					`SevenRooms Trigger: no time zone for venue ${String(venueId)}, times stay in UTC`,
					{ message: error.message },
				);
				return undefined;
			});
			data = withLocalTimes(data, zone, LOCAL_TIME_FIELDS);
		}
		return { workflowData: [this.helpers.returnJsonArray([{ ...event, data }])] };
	}
}

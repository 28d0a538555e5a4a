/** The workflows the queue-mode e2e files activate, as a user would build them in the editor. */
type Node = Record<string, unknown>;
export type Credential = { sevenRoomsOAuth2Api: { id: string; name: string } };

export function countBy(values: unknown[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
	return counts;
}

/** Connections that run `names` one after another. */
export function chain(names: string[]) {
	return Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, n) => [name, { main: [[{ node: names[n + 1], type: 'main', index: 0 }]] }]),
	);
}

/** Two nodes that write their input items as one JSON file into `outbox` (a POS or loyalty push). */
export function outboxWriter(
	outbox: string,
	name: string,
	fileName: string,
	position: number,
): Node[] {
	return [
		{
			id: `${name}-file`,
			name: `${name} File`,
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			position: [position, 0],
			parameters: { operation: 'toJson', options: {} },
		},
		{
			id: `${name}-write`,
			name: `Write ${name}`,
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [position + 220, 0],
			parameters: { operation: 'write', fileName: `=${outbox}/${fileName}`, options: {} },
		},
	];
}

/** Webhook: a cancelled reservation puts the guest on the waitlist (a create, with its Idempotency-Key). */
export function rebookWorkflow(credential: Credential, webhookId: string) {
	return {
		name: 'Queue: cancelled reservation → waitlist',
		nodes: [
			{
				id: 'q1',
				name: 'Reservation Cancelled',
				type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { events: ['reservation.cancelled'], options: {} },
				credentials: credential,
			},
			{
				id: 'q2',
				name: 'Add to Waitlist',
				type: 'n8n-nodes-sevenrooms.sevenRooms',
				typeVersion: 1,
				position: [240, 0],
				credentials: credential,
				parameters: {
					resource: 'waitlist',
					operation: 'add',
					venue: { __rl: true, mode: 'id', value: '={{ $json.venue_id }}' },
					partySize: '={{ $json.data.party_size }}',
					guestMode: 'existing',
					guestId: '={{ $json.data.guest_id }}',
					additionalFields: {
						notes: '=Rebook offer after {{ $json.data.id }} (event {{ $json.id }})',
					},
				},
			},
		],
		connections: chain(['Reservation Cancelled', 'Add to Waitlist']),
	};
}

/** Poll: new waitlist entries (the ones the webhook workflow makes), each run's into one file. */
export function waitlistPollWorkflow(credential: Credential, outbox: string) {
	return {
		name: 'Queue: new waitlist entries',
		nodes: [
			{
				id: 'w1',
				name: 'Waitlist Added',
				type: 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: credential,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'waitlistAdded',
					venue: { __rl: true, mode: 'id', value: 'ven_ldn' },
				},
			},
			...outboxWriter(
				outbox,
				'Waitlist',
				'waitlist-{{ $now.toMillis() }}-{{ $execution.id }}.json',
				240,
			),
		],
		connections: chain(['Waitlist Added', 'Waitlist File', 'Write Waitlist']),
	};
}

/** Webhook: reservation changes pushed to the POS, behind Remove Duplicates on the event id. */
export function posWorkflow(credential: Credential, outbox: string, webhookId: string) {
	return {
		name: 'Queue: reservation changes → POS',
		nodes: [
			{
				id: 'p1',
				name: 'Reservation Updated',
				type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: ['reservation.updated'], options: {} },
				credentials: credential,
			},
			{
				id: 'p2',
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [240, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					logic: 'removeItemsWithAlreadySeenKeyValues',
					dedupeValue: '={{ $json.id }}',
					options: {},
				},
			},
			...outboxWriter(
				outbox,
				'POS',
				"pos-{{ $('Reservation Updated').item.json.id }}-{{ $execution.id }}.json",
				480,
			),
		],
		connections: chain(['Reservation Updated', 'Remove Duplicates', 'POS File', 'Write POS']),
	};
}

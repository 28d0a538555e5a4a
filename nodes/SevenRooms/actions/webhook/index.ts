import type { INodeProperties } from 'n8n-workflow';

import type { SevenRoomsOperation } from '../types';

export const operations: Record<string, SevenRoomsOperation> = {};

export const description: INodeProperties[] = [];

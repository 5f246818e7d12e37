/**
 * Stock @apollo/gateway in a default Apollo Server, for the throughput bench: nothing added.
 *
 *   node --import ./shared/runtime/register.js bench/gateway-throughput/stock-gateway.ts <supergraph> <port>
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFile } from 'node:fs/promises';

const [supergraphPath, port] = process.argv.slice(2);
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: await readFile(supergraphPath!, 'utf8') }) });
await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
console.error('stock gateway ready');

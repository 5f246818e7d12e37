// Loaded with `node --import` before any project module: TypeScript through SWC (with
// decorator metadata, which type-graphql and MikroORM read) and the Reflect metadata API.
import 'reflect-metadata';
import '@swc-node/register/esm-register';

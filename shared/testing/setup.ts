// Jest's counterpart of shared/runtime/register.js: the Reflect metadata API before any module.
import 'reflect-metadata';

# One image for the gateway and every subgraph; docker-compose picks the entry point.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 OPEN_BROWSER=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY shared ./shared
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
USER node
CMD ["node", "--import", "./shared/runtime/register.js", "gateway/main.ts"]

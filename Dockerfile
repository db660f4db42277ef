# neardup in a container: docker build -t neardup . && docker run --rm -v "$PWD:/data" -w /data neardup corpus/
FROM node:20-slim AS build
# better-sqlite3 compiles from source where no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc* ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY schema ./schema
COPY fixtures ./fixtures
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/fixtures ./fixtures
RUN ln -s /app/bin/neardup.js /usr/local/bin/neardup
WORKDIR /data
ENTRYPOINT ["neardup"]

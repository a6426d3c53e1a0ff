/** Java SDK for the xAI Voice API, served by Parley or by api.x.ai: REST and the three WebSocket protocols. */
package dev.parley.client;

/** Implementation of the SDK: JSON codecs, WebSocket plumbing, multipart bodies. Not API: may change at any time. */
package dev.parley.client.internal;

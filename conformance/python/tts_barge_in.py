# Streaming TTS, cancellation (barge-in): the Python example from the xAI docs page
#   https://docs.x.ai/developers/model-capabilities/audio/text-to-speech
#   section "Streaming TTS (WebSocket)" > "Cancellation (Barge-in)" (the page's .md copy, spec source DOC-TTS).
# Copied verbatim except for the lines marked "PARLEY EDIT" (the URL and the key):
#   - the base URL is read from XAI_BASE_URL (default the real one); the key was already read from XAI_API_KEY.
import asyncio
import base64
import json
import os

import websockets  # pip install websockets

XAI_API_KEY = os.environ["XAI_API_KEY"]
XAI_BASE_URL = os.environ.get("XAI_BASE_URL", "wss://api.x.ai/v1")  # PARLEY EDIT

async def tts_with_barge_in(language: str = "en", voice: str = "eve", codec: str = "mp3"):
    uri = f"{XAI_BASE_URL}/tts?language={language}&voice={voice}&codec={codec}"  # PARLEY EDIT

    async with websockets.connect(
        uri,
        additional_headers={"Authorization": f"Bearer {XAI_API_KEY}"},
    ) as ws:
        # Start first utterance
        await ws.send(json.dumps({"type": "text.delta", "delta": "The answer to your question is a long explanation..."}))
        await ws.send(json.dumps({"type": "text.done"}))

        # Wait for audio to start, then cancel
        event = json.loads(await ws.recv())
        print(f"Got {event['type']} — cancelling")
        await ws.send(json.dumps({"type": "text.clear"}))

        async for msg in ws:
            if json.loads(msg)["type"] == "audio.clear":
                break

        # New utterance on the same connection
        await ws.send(json.dumps({"type": "text.delta", "delta": "Actually, let me start over."}))
        await ws.send(json.dumps({"type": "text.done"}))

        audio = bytearray()
        async for msg in ws:
            event = json.loads(msg)
            if event["type"] == "audio.delta":
                audio.extend(base64.b64decode(event["delta"]))
            elif event["type"] == "audio.done":
                print(f"New utterance: {len(audio):,} bytes")
                break

asyncio.run(tts_with_barge_in())

# Streaming TTS, multi-utterance session: the Python example from the xAI docs page
#   https://docs.x.ai/developers/model-capabilities/audio/text-to-speech
#   section "Streaming TTS (WebSocket)" > "Multi-Utterance Sessions" (the page's .md copy, spec source DOC-TTS).
# Copied verbatim except for the lines marked "PARLEY EDIT" (the URL and the key):
#   - the base URL is read from XAI_BASE_URL (default the real one); the key was already read from XAI_API_KEY.
import asyncio
import base64
import json
import os

import websockets  # pip install websockets

XAI_API_KEY = os.environ["XAI_API_KEY"]
XAI_BASE_URL = os.environ.get("XAI_BASE_URL", "wss://api.x.ai/v1")  # PARLEY EDIT

async def multi_turn_tts(language: str = "en", voice: str = "eve", codec: str = "mp3"):
    uri = f"{XAI_BASE_URL}/tts?language={language}&voice={voice}&codec={codec}"  # PARLEY EDIT

    async with websockets.connect(
        uri,
        additional_headers={"Authorization": f"Bearer {XAI_API_KEY}"},
    ) as ws:
        # Turn 1
        await ws.send(json.dumps({"type": "text.delta", "delta": "Hello from turn one."}))
        await ws.send(json.dumps({"type": "text.done"}))

        turn1_audio = bytearray()
        async for msg in ws:
            event = json.loads(msg)
            if event["type"] == "audio.delta":
                turn1_audio.extend(base64.b64decode(event["delta"]))
            elif event["type"] == "audio.done":
                print(f"Turn 1: {len(turn1_audio):,} bytes")
                break
            elif event["type"] == "error":
                raise RuntimeError(event["message"])

        # Connection is still open — send turn 2
        await ws.send(json.dumps({"type": "text.delta", "delta": "And hello from turn two."}))
        await ws.send(json.dumps({"type": "text.done"}))

        turn2_audio = bytearray()
        async for msg in ws:
            event = json.loads(msg)
            if event["type"] == "audio.delta":
                turn2_audio.extend(base64.b64decode(event["delta"]))
            elif event["type"] == "audio.done":
                print(f"Turn 2: {len(turn2_audio):,} bytes")
                break
            elif event["type"] == "error":
                raise RuntimeError(event["message"])

asyncio.run(multi_turn_tts())

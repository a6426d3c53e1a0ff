# Streaming speech-to-text: the "Full Example" (Python) from the xAI docs page
#   https://docs.x.ai/developers/model-capabilities/audio/speech-to-text
#   section "Streaming" > "Full Example" (the page's .md copy, spec source DOC-STT).
# Copied verbatim except for the lines marked "PARLEY EDIT" (the URL and the key):
#   - the base URL is read from XAI_BASE_URL (default the real one); the key was already read from XAI_API_KEY.
# It reads ./audio.wav (16 kHz mono PCM16 with a 44-byte header), exactly as the docs do.
import asyncio
import json
import os

import websockets

API_KEY = os.environ["XAI_API_KEY"]
XAI_BASE_URL = os.environ.get("XAI_BASE_URL", "wss://api.x.ai/v1")  # PARLEY EDIT
WS_URL = f"{XAI_BASE_URL}/stt?sample_rate=16000&encoding=pcm&interim_results=true&language=en&keyterm=Understand+The+Universe"  # PARLEY EDIT

async def transcribe_stream(audio_file: str):
    headers = {"Authorization": f"Bearer {API_KEY}"}

    async with websockets.connect(WS_URL, additional_headers=headers) as ws:
        # Wait for server ready signal
        msg = json.loads(await ws.recv())
        assert msg["type"] == "transcript.created"
        print("Server ready")

        # Read raw PCM from a WAV file (skip 44-byte header)
        with open(audio_file, "rb") as f:
            f.read(44)  # Skip WAV header
            chunk_size = 16000 * 2 // 10  # 100ms of PCM16 at 16kHz

            while chunk := f.read(chunk_size):
                await ws.send(chunk)  # Send raw binary — no base64
                await asyncio.sleep(0.1)

        # Signal end of audio
        await ws.send(json.dumps({"type": "audio.done"}))

        # Collect events until transcript.done
        async for message in ws:
            event = json.loads(message)
            if event["type"] == "transcript.partial":
                prefix = "FINAL" if event["is_final"] else "partial"
                print(f"[{prefix}] {event['text']}")
            elif event["type"] == "transcript.done":
                print(f"\nFull transcript: {event['text']}")
                print(f"Duration: {event['duration']}s")
                break

asyncio.run(transcribe_stream("audio.wav"))

# Voice agent quick start: the "Quick Start" Python example from the xAI docs page
#   https://docs.x.ai/developers/model-capabilities/audio/speech-to-speech
#   (the page's .md copy, spec source DOC-S2S; the older voice-agent guide, DOC-VA, shows the same program).
# Copied verbatim except for the lines marked "PARLEY EDIT" (the URL and the key):
#   - the base URL is read from XAI_BASE_URL (default the real one); the key was already read from XAI_API_KEY.
# Like the original it prints every event type and never exits by itself: the test runs it with PYTHONUNBUFFERED=1
# and stops it after "Event: response.done".
import asyncio
import json
import os
import websockets

XAI_BASE_URL = os.environ.get("XAI_BASE_URL", "wss://api.x.ai/v1")  # PARLEY EDIT

async def voice_agent():
    async with websockets.connect(
        f"{XAI_BASE_URL}/realtime?model=grok-voice-latest",  # PARLEY EDIT
        additional_headers={"Authorization": f"Bearer {os.environ['XAI_API_KEY']}"}
    ) as ws:
        # Configure session
        await ws.send(json.dumps({
            "type": "session.update",
            "session": {
                "voice": "eve",
                "instructions": "You are a helpful assistant.",
                "turn_detection": {"type": "server_vad"}
            }
        }))
        
        # Send a text message
        await ws.send(json.dumps({
            "type": "conversation.item.create",
            "item": {"type": "message", "role": "user", 
                     "content": [{"type": "input_text", "text": "Hello!"}]}
        }))
        await ws.send(json.dumps({"type": "response.create"}))
        
        # Receive audio/text responses
        async for msg in ws:
            event = json.loads(msg)
            print(f"Event: {event['type']}")

asyncio.run(voice_agent())

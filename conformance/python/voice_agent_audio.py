# Voice agent, one spoken turn with server VAD, assembled from the Python code on the xAI docs page
#   https://docs.x.ai/developers/model-capabilities/audio/speech-to-speech  (the page's .md copy, spec source DOC-S2S)
# The page has no single complete audio program, so this file joins its pieces, keeping their protocol code as is:
#   - "Quick Start": the connection (URL with ?model=grok-voice-latest, Bearer header), the receive loop;
#   - "Receiving and Playing Audio": the session.update (instructions, voice eve, server_vad, audio/pcm at 16 kHz
#     both ways) and the base64 PCM16 helpers;
#   - "Audio": with server VAD only input_audio_buffer.append is needed (no commit, no response.create).
# Replaced, because the docs use devices and packages Debian's base system does not have:
#   - the microphone is a WAV file (argv[1], 16 kHz mono PCM16) sent in 100 ms chunks in real time, as the STT
#     page's "Full Example" paces its file, followed by silence for as long as the agent has not answered (a real
#     microphone keeps sending audio);
#   - the speaker is a WAV file (argv[2]) holding the assistant's audio;
#   - the docs' numpy helpers (audio_to_base64 / base64_to_audio) become their stdlib equivalents on int16 bytes.
# Edits for Parley: the base URL comes from XAI_BASE_URL (default the real one), the key from XAI_API_KEY as in the
# docs.
import asyncio
import base64
import json
import os
import sys
import wave

import websockets

XAI_BASE_URL = os.environ.get("XAI_BASE_URL", "wss://api.x.ai/v1")

# When processing audio, use the same sample rate
SAMPLE_RATE = 16000


def audio_to_base64(audio_bytes: bytes) -> str:
    """PCM16 bytes to a base64 string (the docs start from a float32 numpy array)."""
    return base64.b64encode(audio_bytes).decode('utf-8')


def base64_to_audio(base64_audio: str) -> bytes:
    """Base64 PCM16 string to PCM16 bytes (the docs go on to a float32 numpy array)."""
    return base64.b64decode(base64_audio)


async def voice_agent(input_wav: str, output_wav: str):
    async with websockets.connect(
        f"{XAI_BASE_URL}/realtime?model=grok-voice-latest",
        additional_headers={"Authorization": f"Bearer {os.environ['XAI_API_KEY']}"}
    ) as ws:
        # Configure session with 16kHz sample rate for lower bandwidth (input and output)
        session_config = {
            "type": "session.update",
            "session": {
                "instructions": "You are a helpful assistant.",
                "voice": "eve",
                "turn_detection": {
                    "type": "server_vad",
                },
                "audio": {
                    "input": {
                        "format": {
                            "type": "audio/pcm",
                            "rate": 16000  # 16kHz for lower bandwidth usage
                        }
                    },
                    "output": {
                        "format": {
                            "type": "audio/pcm",
                            "rate": 16000  # 16kHz for lower bandwidth usage
                        }
                    }
                }
            }
        }
        await ws.send(json.dumps(session_config))

        answered = asyncio.Event()

        async def microphone():
            chunk = SAMPLE_RATE * 2 // 10  # 100 ms of PCM16
            with wave.open(input_wav, "rb") as w:
                assert w.getframerate() == SAMPLE_RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
                pcm = w.readframes(w.getnframes())
            for i in range(0, len(pcm), chunk):
                await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": audio_to_base64(pcm[i:i + chunk])}))
                await asyncio.sleep(0.1)
            silence = bytes(chunk)
            while not answered.is_set():
                await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": audio_to_base64(silence)}))
                await asyncio.sleep(0.1)

        mic = asyncio.create_task(microphone())
        speaker = bytearray()
        try:
            # Receive audio/text responses
            async for msg in ws:
                event = json.loads(msg)
                print(f"Event: {event['type']}")
                if event["type"] == "conversation.item.input_audio_transcription.completed":
                    print(f"User: {event['transcript']}")
                elif event["type"] == "response.output_audio.delta":
                    speaker.extend(base64_to_audio(event["delta"]))
                elif event["type"] == "response.output_audio_transcript.done":
                    print(f"Assistant: {event['transcript']}")
                elif event["type"] == "error":
                    print(f"Error: {event['error']}")
                elif event["type"] == "response.done":
                    answered.set()
                    break
        finally:
            answered.set()
            await mic
        with wave.open(output_wav, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(bytes(speaker))
        print(f"Saved {len(speaker) // 2 / SAMPLE_RATE:.2f} s of assistant audio to {output_wav}")


asyncio.run(voice_agent(sys.argv[1], sys.argv[2]))

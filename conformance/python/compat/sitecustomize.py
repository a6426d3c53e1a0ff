# Test harness only (never part of an example): the xAI docs' examples are written for websockets >= 14, whose
# connect() takes `additional_headers=`; Debian bookworm's python3-websockets 10.4 calls the same argument
# `extra_headers=`. PythonDocExamplesConformanceTest puts this directory on PYTHONPATH so the examples run with only
# their URL and key changed.
import websockets

if int(websockets.__version__.split(".")[0]) < 14:
    _connect = websockets.connect

    def connect(*args, additional_headers=None, **kwargs):
        if additional_headers is not None:
            kwargs["extra_headers"] = additional_headers
        return _connect(*args, **kwargs)

    websockets.connect = connect

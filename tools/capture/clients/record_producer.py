"""Produces given records with one Python Kafka client, for the record-fixture capture
(tools/capture/capture-record-fixtures.ts). Run by Debian's /usr/bin/python3:

    record_producer.py LIBRARY CODEC BOOTSTRAP TOPIC < spec.json

LIBRARY is `confluent-kafka` (librdkafka) or `kafka-python`; CODEC none, gzip, snappy, lz4 or zstd
(kafka-python here has only none and gzip: no python-snappy, lz4 or zstandard). spec.json:
{"rounds": [[record, ...], ...], "config": {...extra producer config...}} where a record is
{"key": str|null, "value": str|null, "headers": [[str, str|null], ...], "timestamp": int|null}.
Each round is produced, then flushed, so each round is stored as its own batch(es). Prints one
JSON line: {"delivered": N, "errors": [...]}; exits 1 if any record was not delivered.
"""
import json
import sys

library, codec, bootstrap, topic = sys.argv[1:5]
spec = json.load(sys.stdin)


def encode(text):
    return None if text is None else text.encode("utf-8")


def confluent():
    import confluent_kafka

    config = {"bootstrap.servers": bootstrap, "compression.type": codec, "linger.ms": 200, "acks": "all", "log_level": 0}
    config.update(spec.get("config", {}))
    producer = confluent_kafka.Producer(config)
    delivered, errors = [], []

    def on_delivery(error, message):
        if error is not None:
            errors.append(str(error))
        else:
            delivered.append(message.offset())

    for round_ in spec["rounds"]:
        for record in round_:
            kwargs = {"value": encode(record["value"]), "key": encode(record["key"]), "on_delivery": on_delivery}
            kwargs["headers"] = [(name, encode(value)) for name, value in record["headers"]]
            if record.get("timestamp") is not None:
                kwargs["timestamp"] = record["timestamp"]
            producer.produce(topic, **kwargs)
        remaining = producer.flush(20)
        if remaining:
            errors.append("%d records not delivered within 20 s" % remaining)
    return delivered, errors


def kafka_python():
    from kafka import KafkaProducer

    producer = KafkaProducer(
        bootstrap_servers=bootstrap, compression_type=None if codec == "none" else codec, linger_ms=200, acks="all", **spec.get("config", {})
    )
    delivered, errors = [], []
    for round_ in spec["rounds"]:
        futures = []
        for record in round_:
            headers = [(name, encode(value)) for name, value in record["headers"]]
            futures.append(producer.send(topic, key=encode(record["key"]), value=encode(record["value"]), headers=headers, timestamp_ms=record.get("timestamp")))
        producer.flush(20)
        for future in futures:
            try:
                delivered.append(future.get(timeout=20).offset)
            except Exception as error:  # noqa: BLE001 - reported, not raised
                errors.append(repr(error))
    producer.close(5)
    return delivered, errors


delivered, errors = confluent() if library == "confluent-kafka" else kafka_python()
print(json.dumps({"delivered": len(delivered), "errors": errors}))
sys.exit(1 if errors else 0)

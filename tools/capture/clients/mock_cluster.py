"""Starts librdkafka's in-process mock cluster (one broker) through confluent-kafka-python and
prints its bootstrap address as one JSON line; runs until its standard input closes.

Run by Debian's /usr/bin/python3 (python3-confluent-kafka, librdkafka 2.0.2).
"""
import json
import sys

import confluent_kafka

producer = confluent_kafka.Producer({"test.mock.num.brokers": 1, "client.id": "golden-mock-owner", "log_level": 0})
metadata = producer.list_topics(timeout=10)
broker = next(iter(metadata.brokers.values()))
print(json.dumps({"host": broker.host, "port": broker.port, "node_id": broker.id, "cluster_id": metadata.cluster_id, "controller_id": metadata.controller_id, "librdkafka": confluent_kafka.libversion()[0]}), flush=True)
sys.stdin.read()

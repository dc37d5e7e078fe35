"""One short client session for the golden-fixture capture, run by Debian's /usr/bin/python3:

    python_client.py LIBRARY SCENARIO BOOTSTRAP CLIENT_ID TOPIC

LIBRARY is `confluent-kafka` (librdkafka 2.0.2) or `kafka-python` (2.0.2); SCENARIO one of
metadata, produce, idempotent-produce, consume, admin. Errors are printed, not raised: the capture
keeps whatever requests the client sent, and the caller bounds the run's time.
"""
import sys
import time

library, scenario, bootstrap, client_id, topic = sys.argv[1:6]


def confluent():
    import confluent_kafka
    from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

    base = {"bootstrap.servers": bootstrap, "client.id": client_id, "socket.timeout.ms": 5000, "log_level": 0}
    if scenario == "metadata":
        admin = AdminClient(base)
        print(admin.list_topics(topic=topic, timeout=5).topics)
    elif scenario in ("produce", "idempotent-produce"):
        config = dict(base, acks="all", **({"enable.idempotence": True} if scenario == "idempotent-produce" else {}))
        producer = confluent_kafka.Producer(config)
        producer.produce(topic, key=b"k", value=b"golden value")
        print("unflushed", producer.flush(8))
    elif scenario == "consume":
        consumer = confluent_kafka.Consumer(dict(base, **{"group.id": "golden-group", "auto.offset.reset": "earliest", "enable.auto.commit": False, "session.timeout.ms": 6000}))
        consumer.subscribe([topic])
        deadline = time.time() + 8
        while time.time() < deadline:
            message = consumer.poll(0.5)
            if message is not None and not message.error():
                print("consumed", message.value())
                consumer.commit(message=message, asynchronous=False)
                break
        consumer.close()
    elif scenario == "admin":
        admin = AdminClient(base)
        name = topic + "-admin"
        for future in admin.create_topics([NewTopic(name, 1, 1)], request_timeout=5).values():
            print(future.exception(5))
        for future in admin.describe_configs([ConfigResource("topic", name)], request_timeout=5).values():
            print(future.exception(5))
        for future in admin.alter_configs([ConfigResource("topic", name, set_config={"retention.ms": "86400000"})], request_timeout=5).values():
            print(future.exception(5))
        for future in admin.create_partitions([NewPartitions(name, 2)], request_timeout=5).values():
            print(future.exception(5))
        for future in admin.delete_topics([name], request_timeout=5).values():
            print(future.exception(5))


def kafka_python():
    from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
    from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic

    base = {"bootstrap_servers": bootstrap, "client_id": client_id, "request_timeout_ms": 6000}
    if scenario == "metadata":
        consumer = KafkaConsumer(**base)
        print(consumer.partitions_for_topic(topic))
        consumer.close()
    elif scenario in ("produce", "idempotent-produce"):
        producer = KafkaProducer(acks="all", max_block_ms=6000, **base)
        print(producer.send(topic, key=b"k", value=b"golden value").get(timeout=6))
        producer.close(5)
    elif scenario == "consume":
        consumer = KafkaConsumer(topic, group_id="golden-group", auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=6000, **base)
        for message in consumer:
            print("consumed", message.value)
            consumer.commit()
            break
        consumer.close()
    elif scenario == "admin":
        admin = KafkaAdminClient(**base)
        name = topic + "-admin"
        try:
            print(admin.create_topics([NewTopic(name, 1, 1)]))
        except Exception as error:
            print("error:", type(error).__name__, error)
        for step in (
            lambda: admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)]),
            lambda: admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, name, configs={"retention.ms": "86400000"})]),
            lambda: admin.create_partitions({name: NewPartitions(2)}),
            lambda: admin.delete_topics([name]),
        ):
            try:
                print(step())
            except Exception as error:
                print("error:", type(error).__name__, error)
        admin.close()


try:
    confluent() if library == "confluent-kafka" else kafka_python()
except Exception as error:  # the capture wants the requests, not the outcome
    print("error:", type(error).__name__, error)

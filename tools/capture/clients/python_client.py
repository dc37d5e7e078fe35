"""One short client session for the golden-fixture capture, run by Debian's /usr/bin/python3:

    python_client.py LIBRARY SCENARIO BOOTSTRAP CLIENT_ID TOPIC

LIBRARY is `confluent-kafka` (librdkafka 2.0.2) or `kafka-python` (2.0.2); SCENARIO one of
metadata, produce, idempotent-produce, consume (a consumer in group `golden-group-LIBRARY`: join,
sync, heartbeat, commit, fetch the commit, leave), group-admin (list, describe, fetch the offsets
of and delete that group). Errors are printed, not raised: the capture
keeps whatever requests the client sent, and the caller bounds the run's time.
"""
import sys
import time

library, scenario, bootstrap, client_id, topic = sys.argv[1:6]
group = "golden-group-" + library


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
        consumer = confluent_kafka.Consumer(dict(base, **{"group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False, "session.timeout.ms": 6000, "heartbeat.interval.ms": 300}))
        consumer.subscribe([topic])
        deadline = time.time() + 7
        while time.time() < deadline:
            message = consumer.poll(0.5)
            if message is not None and not message.error():
                print("consumed", message.value())
                consumer.commit(message=message, asynchronous=False)
                print("committed", consumer.committed([confluent_kafka.TopicPartition(topic, message.partition())], timeout=3))
                break
        # Long enough for a heartbeat or two; close() leaves the group.
        consumer.poll(1)
        consumer.close()
    elif scenario == "group-admin":
        admin = AdminClient(base)
        # librdkafka's rd_kafka_list_groups: ListGroups, then DescribeGroups of what it lists.
        print(admin.list_groups(timeout=5))
        print(admin.list_groups(group=group, timeout=5))
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
    from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
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
        consumer = KafkaConsumer(topic, group_id=group, auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=6000, heartbeat_interval_ms=300, session_timeout_ms=6000, **dict(base, request_timeout_ms=8000))
        for message in consumer:
            print("consumed", message.value)
            consumer.commit()
            print("committed", consumer.committed(TopicPartition(topic, message.partition)))
            break
        # Long enough for a heartbeat or two; close() leaves the group. (Kafka's minimum session
        # timeout is 6 s, and kafka-python wants its request timeout above the session timeout.)
        consumer.poll(timeout_ms=1000)
        consumer.close()
    elif scenario == "group-admin":
        admin = KafkaAdminClient(**base)
        for step in (
            lambda: admin.list_consumer_groups(),
            lambda: admin.describe_consumer_groups([group]),
            lambda: admin.list_consumer_group_offsets(group),
            lambda: admin.delete_consumer_groups([group]),
        ):
            try:
                print(step())
            except Exception as error:
                print("error:", type(error).__name__, error)
        admin.close()
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

# Dead letters, moved by the broker: records that the group "reminder-sender" has not consumed
# within five seconds are moved to "reminders.dlq". The policy is a set of topic configs (Eddy's
# own dlq.* names), set here with the admin client; nobody consumes, so after the deadline the
# broker's sweeper moves the three reminders, with headers saying where each came from and why,
# and commits the group's offsets past them. Against a broker without a sweeper (Apache Kafka)
# nothing is moved: the script says so after twenty seconds.
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

admin = KafkaAdminClient(bootstrap_servers='localhost:9092')
admin.create_topics([NewTopic(name='reminders', num_partitions=1, replication_factor=1, topic_configs={
    'dlq.enable': 'true', 'dlq.group': 'reminder-sender', 'dlq.max.age.ms': '5000'})])

producer = KafkaProducer(bootstrap_servers='localhost:9092')
for n, text in enumerate(['water the plants', 'call the bank', 'renew the passport']):
    producer.send('reminders', key=f'reminder-{n}'.encode('utf-8'), value=text.encode('utf-8'))
producer.flush()
print('sent 3 reminders; nobody reads them')

consumer = KafkaConsumer('reminders.dlq', bootstrap_servers='localhost:9092', auto_offset_reset='earliest',
                         consumer_timeout_ms=1000)
dead = []
deadline = time.time() + 20
while len(dead) < 3 and time.time() < deadline:
    for message in consumer:
        headers = {key: value.decode('utf-8') for key, value in message.headers}
        dead.append(message)
        print(f'{message.key.decode("utf-8")}: {message.value.decode("utf-8")!r} dead-lettered from '
              f'{headers["__dlq.errors.topic"]}-{headers["__dlq.errors.partition"]}@{headers["__dlq.errors.offset"]}: '
              f'{headers["__dlq.errors.message"]}')
consumer.close()
if len(dead) < 3:
    print('nothing was moved: this broker has no dead-letter sweeper')
for partition, offset in admin.list_consumer_group_offsets('reminder-sender').items():
    print(f'group reminder-sender is at offset {offset.offset} of {partition.topic}-{partition.partition}')
admin.close()

# Dead letters, handled by the application: sends six payments to the topic "payments", then reads
# them as the group "payment-handler". A payment it cannot handle (an amount that is not a number)
# is sent on to "payments.dlq" with headers saying where it came from and why (in Kafka's KIP-1191
# names), instead of stopping the handler or being lost. The group's offsets are committed only
# once the dead letters are written. Stops after three seconds without new records.
from kafka import KafkaConsumer, KafkaProducer

producer = KafkaProducer(bootstrap_servers='localhost:9092')
for n, amount in enumerate(['12.50', '7', 'seven', '3.20', '', '40']):
    producer.send('payments', key=f'payment-{n}'.encode('utf-8'), value=amount.encode('utf-8'))
producer.flush()

consumer = KafkaConsumer('payments', bootstrap_servers='localhost:9092', group_id='payment-handler',
                         auto_offset_reset='earliest', enable_auto_commit=False, consumer_timeout_ms=3000)
total = 0.0
dead_letters = 0
for message in consumer:
    key = message.key.decode('utf-8')
    try:
        total += float(message.value.decode('utf-8'))
        print(f'{key}: handled {message.value.decode("utf-8")}')
    except ValueError as error:
        producer.send('payments.dlq', key=message.key, value=message.value, headers=[
            ('__dlq.errors.topic', message.topic.encode('utf-8')),
            ('__dlq.errors.partition', str(message.partition).encode('utf-8')),
            ('__dlq.errors.offset', str(message.offset).encode('utf-8')),
            ('__dlq.errors.group', b'payment-handler'),
            ('__dlq.errors.message', str(error).encode('utf-8')),
        ])
        dead_letters += 1
        print(f'{key}: dead-lettered ({error})')
producer.flush()
consumer.commit()
consumer.close()
print(f'total {total:.2f}, {dead_letters} dead letters')

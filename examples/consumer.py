# Reads the topic "orders" as a member of the consumer group "order-printer" and prints every
# record. The group remembers how far it got (kafka-python commits every 5 seconds), so a restarted
# consumer carries on where it stopped; a new group starts at the beginning. Start a second copy
# and the group shares the topic's partitions between the two. Runs until Ctrl+C.
from kafka import KafkaConsumer

consumer = KafkaConsumer('orders', bootstrap_servers='localhost:9092', group_id='order-printer', auto_offset_reset='earliest')
for message in consumer:
    key = message.key.decode('utf-8') if message.key is not None else None
    print(f'partition: {message.partition}, offset: {message.offset}, key: {key}, value: {message.value.decode("utf-8")}')

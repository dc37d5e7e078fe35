# Sends ten orders to the topic "orders", keyed by customer, and prints where each one landed.
# kafka-python picks the partition from the key (murmur2, as the Java client does), so all of one
# customer's orders land in the same partition and are read back in the order they were sent.
from kafka import KafkaProducer

producer = KafkaProducer(bootstrap_servers='localhost:9092')
customers = ['ada', 'grace', 'linus']
for n in range(10):
    customer = customers[n % len(customers)]
    sent = producer.send('orders', key=customer.encode('utf-8'), value=f'order {n}'.encode('utf-8'))
    metadata = sent.get(timeout=10)
    print(f'{customer}: order {n} -> partition {metadata.partition}, offset {metadata.offset}')
producer.flush()

print('Straße'.casefold(), 'ΣΑΣ'.casefold(), 'ﬁ'.casefold(), 'HELLO'.casefold())

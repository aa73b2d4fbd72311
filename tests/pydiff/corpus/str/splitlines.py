print('a\nb\r\nc\rd'.splitlines(), 'x\n\ny\n'.splitlines(), 'keep\nends\n'.splitlines(True), ''.splitlines())

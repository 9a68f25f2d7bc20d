{"Resource": "arn:aws:s3:::${name}/*"}

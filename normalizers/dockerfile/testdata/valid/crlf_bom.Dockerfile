FROM alpine:3.19 AS base
RUN echo one \
    two
RUN <<EOF
echo heredoc
EOF
CMD ["sh"]

# No FROM at all.
ARG VERSION=1
RUN echo hello
CMD ["sh"]
